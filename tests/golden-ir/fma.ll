; ModuleID = 'traceN'
source_filename = "traceN"
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

define i32 @traceN(ptr %0, ptr %1) {
entry:
  %t = alloca i32, align 4
  %t1 = alloca i64, align 8
  %t2 = alloca i64, align 8
  %t3 = alloca i64, align 8
  %t4 = alloca i64, align 8
  %t5 = alloca i64, align 8
  %t6 = alloca i256, align 8
  %g = alloca i64, align 8
  %g7 = alloca i32, align 4
  %g8 = alloca i32, align 4
  %g9 = alloca i32, align 4
  %g10 = alloca i32, align 4
  %g11 = alloca i64, align 8
  %g12 = alloca i64, align 8
  %g13 = alloca i64, align 8
  %g14 = alloca i64, align 8
  %g15 = alloca i64, align 8
  %steps = alloca i32, align 4
  store i32 0, ptr %steps, align 4
  %2 = getelementptr i8, ptr %0, i64 3192
  %3 = load i64, ptr %2, align 4
  %4 = icmp ne i64 %3, 0
  %5 = getelementptr i8, ptr %0, i64 3200
  %6 = load i256, ptr %5, align 4
  %7 = icmp ne i256 %6, 0
  %8 = or i1 %4, %7
  %9 = getelementptr i8, ptr %0, i64 3232
  %10 = load i128, ptr %9, align 4
  %11 = icmp ne i128 %10, 0
  %12 = or i1 %8, %11
  %13 = getelementptr i8, ptr %0, i64 3960
  %14 = load i64, ptr %13, align 4
  %15 = icmp ne i64 %14, 0
  %16 = or i1 %12, %15
  %17 = getelementptr i8, ptr %0, i64 3968
  %18 = load i256, ptr %17, align 4
  %19 = icmp ne i256 %18, 0
  %20 = or i1 %16, %19
  %21 = getelementptr i8, ptr %0, i64 4000
  %22 = load i128, ptr %21, align 4
  %23 = icmp ne i128 %22, 0
  %24 = or i1 %20, %23
  br i1 %24, label %not_entered, label %entered

not_entered:                                      ; preds = %entry
  %25 = getelementptr i8, ptr %1, i64 4
  store i32 0, ptr %25, align 4
  ret i32 3

entered:                                          ; preds = %entry
  %26 = getelementptr i8, ptr %0, i64 64
  %27 = load i64, ptr %26, align 4
  store i64 %27, ptr %g, align 4
  %28 = getelementptr i8, ptr %0, i64 540
  %29 = load i32, ptr %28, align 4
  store i32 %29, ptr %g7, align 4
  %30 = getelementptr i8, ptr %0, i64 536
  %31 = load i32, ptr %30, align 4
  store i32 %31, ptr %g8, align 4
  %32 = getelementptr i8, ptr %0, i64 528
  %33 = load i32, ptr %32, align 4
  store i32 %33, ptr %g9, align 4
  %34 = getelementptr i8, ptr %0, i64 532
  %35 = load i32, ptr %34, align 4
  store i32 %35, ptr %g10, align 4
  %36 = getelementptr i8, ptr %0, i64 320
  %37 = load i64, ptr %36, align 4
  store i64 %37, ptr %g11, align 4
  %38 = getelementptr i8, ptr %0, i64 3184
  %39 = load i64, ptr %38, align 4
  store i64 %39, ptr %g12, align 4
  %40 = getelementptr i8, ptr %0, i64 3440
  %41 = load i64, ptr %40, align 4
  store i64 %41, ptr %g13, align 4
  %42 = getelementptr i8, ptr %0, i64 3696
  %43 = load i64, ptr %42, align 4
  store i64 %43, ptr %g14, align 4
  %44 = getelementptr i8, ptr %0, i64 3952
  %45 = load i64, ptr %44, align 4
  store i64 %45, ptr %g15, align 4
  br label %pc_HEAD+0

pc_HEAD+0:                                        ; preds = %L19, %entered
  %46 = load i32, ptr %steps, align 4
  %47 = call i32 asm "", "=r,0"(i32 %46)
  store i32 %47, ptr %steps, align 4
  %48 = getelementptr i8, ptr %0, i64 -8
  %49 = load volatile i32, ptr %48, align 4
  store i32 %49, ptr %t, align 4
  %50 = load i32, ptr %t, align 4
  %51 = icmp slt i32 %50, 0
  br i1 %51, label %L, label %52

52:                                               ; preds = %pc_HEAD+0
  %53 = ptrtoint ptr %0 to i64
  %54 = add i64 %53, 12072
  store i64 %54, ptr %t1, align 4
  %55 = load i64, ptr %g13, align 4
  store i64 %55, ptr %t2, align 4
  %56 = load i64, ptr %g14, align 4
  store i64 %56, ptr %t3, align 4
  %57 = load i64, ptr %g12, align 4
  store i64 %57, ptr %t4, align 4
  %58 = load i64, ptr %t4, align 4
  %59 = xor i64 %58, -9223372036854775808
  store i64 %59, ptr %t4, align 4
  %60 = load i64, ptr %t2, align 4
  %61 = xor i64 %60, -9223372036854775808
  store i64 %61, ptr %t2, align 4
  %62 = load i64, ptr %t2, align 4
  %63 = load i64, ptr %t3, align 4
  %64 = load i64, ptr %t4, align 4
  %65 = load i64, ptr %t1, align 4
  %66 = inttoptr i64 %65 to ptr
  %67 = getelementptr i8, ptr %66, i64 0
  %68 = load i16, ptr %67, align 2
  %69 = getelementptr i8, ptr %66, i64 2
  %70 = load i8, ptr %69, align 1
  %71 = icmp eq i8 %70, 0
  %72 = and i16 %68, 16
  %73 = icmp ne i16 %72, 0
  %74 = and i1 %73, %71
  %75 = and i64 %62, 9223372036854775807
  %76 = icmp eq i64 %75, 0
  %77 = lshr i64 %62, 52
  %78 = and i64 %77, 2047
  %79 = icmp ne i64 %78, 2047
  %80 = icmp ne i64 %78, 0
  %81 = and i1 %80, %79
  %82 = or i1 %81, %76
  %83 = and i1 %74, %82
  %84 = and i64 %63, 9223372036854775807
  %85 = icmp eq i64 %84, 0
  %86 = lshr i64 %63, 52
  %87 = and i64 %86, 2047
  %88 = icmp ne i64 %87, 2047
  %89 = icmp ne i64 %87, 0
  %90 = and i1 %89, %88
  %91 = or i1 %90, %85
  %92 = and i1 %83, %91
  %93 = and i64 %64, 9223372036854775807
  %94 = icmp eq i64 %93, 0
  %95 = lshr i64 %64, 52
  %96 = and i64 %95, 2047
  %97 = icmp ne i64 %96, 2047
  %98 = icmp ne i64 %96, 0
  %99 = and i1 %98, %97
  %100 = or i1 %99, %94
  %101 = and i1 %92, %100
  br i1 %101, label %fp_fast, label %fp_soft

L:                                                ; preds = %pc_HEAD+0
  %102 = getelementptr i8, ptr %0, i64 64
  %103 = load i64, ptr %g, align 4
  store i64 %103, ptr %102, align 4
  %104 = getelementptr i8, ptr %0, i64 540
  %105 = load i32, ptr %g7, align 4
  store i32 %105, ptr %104, align 4
  %106 = getelementptr i8, ptr %0, i64 536
  %107 = load i32, ptr %g8, align 4
  store i32 %107, ptr %106, align 4
  %108 = getelementptr i8, ptr %0, i64 528
  %109 = load i32, ptr %g9, align 4
  store i32 %109, ptr %108, align 4
  %110 = getelementptr i8, ptr %0, i64 532
  %111 = load i32, ptr %g10, align 4
  store i32 %111, ptr %110, align 4
  %112 = getelementptr i8, ptr %0, i64 3184
  %113 = load i64, ptr %g12, align 4
  store i64 %113, ptr %112, align 4
  %114 = getelementptr i8, ptr %0, i64 3952
  %115 = load i64, ptr %g15, align 4
  store i64 %115, ptr %114, align 4
  %116 = getelementptr i8, ptr %0, i64 320
  store i64 HEAD+0, ptr %116, align 4
  %117 = getelementptr i8, ptr %1, i64 4
  %118 = load i32, ptr %steps, align 4
  store i32 %118, ptr %117, align 4
  ret i32 2

fp_fast:                                          ; preds = %52
  %119 = bitcast i64 %62 to double
  %120 = bitcast i64 %63 to double
  %121 = bitcast i64 %64 to double
  %122 = call double @llvm.fma.f64(double %119, double %120, double %121)
  %123 = bitcast double %122 to i64
  %124 = and i64 %123, 9223372036854775807
  %125 = icmp eq i64 %124, 9218868437227405312
  br i1 %125, label %fp_overflow, label %fp_tiny

fp_overflow:                                      ; preds = %fp_fast
  %126 = or i16 %68, 4
  store i16 %126, ptr %67, align 2
  br label %fp_done

fp_tiny:                                          ; preds = %fp_fast
  %127 = and i64 %123, 9223372036854775807
  %128 = icmp ule i64 %127, 4503599627370496
  %129 = and i64 %63, 9223372036854775807
  %130 = icmp eq i64 %129, 0
  %131 = and i64 %62, 9223372036854775807
  %132 = icmp eq i64 %131, 0
  %133 = or i1 %132, %130
  %134 = xor i1 %133, true
  %135 = and i1 %128, %134
  br i1 %135, label %fp_soft, label %fp_done

fp_soft:                                          ; preds = %fp_tiny, %52
  store volatile i32 0, ptr %1, align 4
  %136 = getelementptr i8, ptr %0, i64 64
  %137 = load i64, ptr %g, align 4
  store i64 %137, ptr %136, align 4
  %138 = getelementptr i8, ptr %0, i64 540
  %139 = load i32, ptr %g7, align 4
  store i32 %139, ptr %138, align 4
  %140 = getelementptr i8, ptr %0, i64 536
  %141 = load i32, ptr %g8, align 4
  store i32 %141, ptr %140, align 4
  %142 = getelementptr i8, ptr %0, i64 528
  %143 = load i32, ptr %g9, align 4
  store i32 %143, ptr %142, align 4
  %144 = getelementptr i8, ptr %0, i64 532
  %145 = load i32, ptr %g10, align 4
  store i32 %145, ptr %144, align 4
  %146 = call i64 inttoptr (i64 HOSTADDR to ptr)(i64 %62, i64 %63, i64 %64, ptr %66)
  %147 = getelementptr i8, ptr %0, i64 64
  %148 = load i64, ptr %147, align 4
  store i64 %148, ptr %g, align 4
  %149 = getelementptr i8, ptr %0, i64 540
  %150 = load i32, ptr %149, align 4
  store i32 %150, ptr %g7, align 4
  %151 = getelementptr i8, ptr %0, i64 536
  %152 = load i32, ptr %151, align 4
  store i32 %152, ptr %g8, align 4
  %153 = getelementptr i8, ptr %0, i64 528
  %154 = load i32, ptr %153, align 4
  store i32 %154, ptr %g9, align 4
  %155 = getelementptr i8, ptr %0, i64 532
  %156 = load i32, ptr %155, align 4
  store i32 %156, ptr %g10, align 4
  %157 = getelementptr i8, ptr %0, i64 320
  %158 = load i64, ptr %157, align 4
  store i64 %158, ptr %g11, align 4
  br label %fp_done

fp_done:                                          ; preds = %fp_soft, %fp_tiny, %fp_overflow
  %159 = phi i64 [ %123, %fp_overflow ], [ %123, %fp_tiny ], [ %146, %fp_soft ]
  store i64 %159, ptr %t5, align 4
  %160 = load i64, ptr %t5, align 4
  store i64 %160, ptr %g12, align 4
  store i256 0, ptr %t6, align 4
  %161 = load i64, ptr %g13, align 4
  store i64 %161, ptr %t5, align 4
  %162 = load i64, ptr %t5, align 4
  %163 = getelementptr i8, ptr %0, i64 12072
  %164 = getelementptr i8, ptr %163, i64 0
  %165 = load i16, ptr %164, align 2
  %166 = getelementptr i8, ptr %163, i64 2
  %167 = load i8, ptr %166, align 1
  %168 = icmp eq i8 %167, 0
  %169 = and i16 %165, 16
  %170 = icmp ne i16 %169, 0
  %171 = and i1 %170, %168
  %172 = and i64 %162, 9223372036854775807
  %173 = icmp eq i64 %172, 0
  %174 = lshr i64 %162, 52
  %175 = and i64 %174, 2047
  %176 = icmp ne i64 %175, 2047
  %177 = icmp ne i64 %175, 0
  %178 = and i1 %177, %176
  %179 = or i1 %178, %173
  %180 = and i1 %171, %179
  %181 = icmp sge i64 %162, 0
  %182 = and i1 %180, %181
  br i1 %182, label %fp_fast16, label %fp_soft17

fp_fast16:                                        ; preds = %fp_done
  %183 = bitcast i64 %162 to double
  %184 = call double @llvm.sqrt.f64(double %183)
  %185 = bitcast double %184 to i64
  br label %fp_done18

fp_soft17:                                        ; preds = %fp_done
  store volatile i32 1, ptr %1, align 4
  %186 = getelementptr i8, ptr %0, i64 64
  %187 = load i64, ptr %g, align 4
  store i64 %187, ptr %186, align 4
  %188 = getelementptr i8, ptr %0, i64 540
  %189 = load i32, ptr %g7, align 4
  store i32 %189, ptr %188, align 4
  %190 = getelementptr i8, ptr %0, i64 536
  %191 = load i32, ptr %g8, align 4
  store i32 %191, ptr %190, align 4
  %192 = getelementptr i8, ptr %0, i64 528
  %193 = load i32, ptr %g9, align 4
  store i32 %193, ptr %192, align 4
  %194 = getelementptr i8, ptr %0, i64 532
  %195 = load i32, ptr %g10, align 4
  store i32 %195, ptr %194, align 4
  %196 = call i64 inttoptr (i64 HOSTADDR to ptr)(i64 %162, ptr %0)
  %197 = getelementptr i8, ptr %0, i64 64
  %198 = load i64, ptr %197, align 4
  store i64 %198, ptr %g, align 4
  %199 = getelementptr i8, ptr %0, i64 540
  %200 = load i32, ptr %199, align 4
  store i32 %200, ptr %g7, align 4
  %201 = getelementptr i8, ptr %0, i64 536
  %202 = load i32, ptr %201, align 4
  store i32 %202, ptr %g8, align 4
  %203 = getelementptr i8, ptr %0, i64 528
  %204 = load i32, ptr %203, align 4
  store i32 %204, ptr %g9, align 4
  %205 = getelementptr i8, ptr %0, i64 532
  %206 = load i32, ptr %205, align 4
  store i32 %206, ptr %g10, align 4
  %207 = getelementptr i8, ptr %0, i64 320
  %208 = load i64, ptr %207, align 4
  store i64 %208, ptr %g11, align 4
  br label %fp_done18

fp_done18:                                        ; preds = %fp_soft17, %fp_fast16
  %209 = phi i64 [ %185, %fp_fast16 ], [ %196, %fp_soft17 ]
  store i64 %209, ptr %t1, align 4
  %210 = load i64, ptr %t1, align 4
  store i64 %210, ptr %g15, align 4
  %211 = load i64, ptr %g, align 4
  %212 = sub i64 %211, 1
  store i64 %212, ptr %t1, align 4
  %213 = load i64, ptr %t1, align 4
  %214 = load i64, ptr %t1, align 4
  %215 = trunc i64 %214 to i32
  store i32 %215, ptr %g7, align 4
  %216 = load i64, ptr %t1, align 4
  %217 = lshr i64 %216, 32
  store i64 %217, ptr %t3, align 4
  %218 = load i64, ptr %t3, align 4
  %219 = load i64, ptr %t3, align 4
  %220 = trunc i64 %219 to i32
  store i32 %220, ptr %g8, align 4
  %221 = icmp ne i64 %213, 0
  %zf = zext i1 %221 to i32
  store i32 %zf, ptr %g7, align 4
  %222 = load i64, ptr %g, align 4
  %223 = icmp uge i64 %222, 1
  %224 = zext i1 %223 to i64
  store i64 %224, ptr %t2, align 4
  %225 = load i64, ptr %t2, align 4
  %226 = load i64, ptr %t2, align 4
  %227 = trunc i64 %226 to i32
  store i32 %227, ptr %g9, align 4
  %228 = load i64, ptr %g, align 4
  %229 = load i64, ptr %t1, align 4
  %230 = xor i64 %229, %228
  store i64 %230, ptr %t2, align 4
  %231 = load i64, ptr %g, align 4
  %232 = xor i64 %231, 1
  store i64 %232, ptr %t3, align 4
  %233 = load i64, ptr %t3, align 4
  %234 = load i64, ptr %t2, align 4
  %235 = and i64 %234, %233
  store i64 %235, ptr %t2, align 4
  %236 = load i64, ptr %t2, align 4
  %237 = lshr i64 %236, 32
  store i64 %237, ptr %t3, align 4
  %238 = load i64, ptr %t3, align 4
  %239 = load i64, ptr %t3, align 4
  %240 = trunc i64 %239 to i32
  store i32 %240, ptr %g10, align 4
  %241 = load i64, ptr %t1, align 4
  store i64 %241, ptr %t5, align 4
  %242 = load i64, ptr %t5, align 4
  store i64 %242, ptr %g, align 4
  %243 = load i32, ptr %g7, align 4
  %244 = icmp ne i32 %243, 0
  br i1 %244, label %L19, label %245

245:                                              ; preds = %fp_done18
  store i64 HEAD+16, ptr %g11, align 4
  %246 = getelementptr i8, ptr %0, i64 64
  %247 = load i64, ptr %g, align 4
  store i64 %247, ptr %246, align 4
  %248 = getelementptr i8, ptr %0, i64 540
  %249 = load i32, ptr %g7, align 4
  store i32 %249, ptr %248, align 4
  %250 = getelementptr i8, ptr %0, i64 536
  %251 = load i32, ptr %g8, align 4
  store i32 %251, ptr %250, align 4
  %252 = getelementptr i8, ptr %0, i64 528
  %253 = load i32, ptr %g9, align 4
  store i32 %253, ptr %252, align 4
  %254 = getelementptr i8, ptr %0, i64 532
  %255 = load i32, ptr %g10, align 4
  store i32 %255, ptr %254, align 4
  %256 = getelementptr i8, ptr %0, i64 320
  %257 = load i64, ptr %g11, align 4
  store i64 %257, ptr %256, align 4
  %258 = getelementptr i8, ptr %0, i64 3184
  %259 = load i64, ptr %g12, align 4
  store i64 %259, ptr %258, align 4
  %260 = getelementptr i8, ptr %0, i64 3952
  %261 = load i64, ptr %g15, align 4
  store i64 %261, ptr %260, align 4
  %262 = getelementptr i8, ptr %1, i64 4
  %263 = load i32, ptr %steps, align 4
  store i32 %263, ptr %262, align 4
  ret i32 1

L19:                                              ; preds = %fp_done18
  %264 = load i32, ptr %steps, align 4
  %265 = add i32 %264, 1
  store i32 %265, ptr %steps, align 4
  br label %pc_HEAD+0

dead:                                             ; No predecessors!
  unreachable

dead20:                                           ; No predecessors!
  unreachable

dead21:                                           ; No predecessors!
  unreachable
}

; Function Attrs: nocallback nofree nosync nounwind speculatable willreturn memory(none)
declare double @llvm.fma.f64(double, double, double) #0

; Function Attrs: nocallback nofree nosync nounwind speculatable willreturn memory(none)
declare double @llvm.sqrt.f64(double) #0

attributes #0 = { nocallback nofree nosync nounwind speculatable willreturn memory(none) }

