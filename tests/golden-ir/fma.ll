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

pc_HEAD+0:                                        ; preds = %L18, %entered
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
  %77 = and i64 %62, 9223372036854775807
  %78 = sub i64 %77, 4503599627370496
  %79 = icmp ult i64 %78, 9214364837600034816
  %80 = or i1 %79, %76
  %81 = and i1 %74, %80
  %82 = and i64 %63, 9223372036854775807
  %83 = icmp eq i64 %82, 0
  %84 = and i64 %63, 9223372036854775807
  %85 = sub i64 %84, 4503599627370496
  %86 = icmp ult i64 %85, 9214364837600034816
  %87 = or i1 %86, %83
  %88 = and i1 %81, %87
  %89 = and i64 %64, 9223372036854775807
  %90 = icmp eq i64 %89, 0
  %91 = and i64 %64, 9223372036854775807
  %92 = sub i64 %91, 4503599627370496
  %93 = icmp ult i64 %92, 9214364837600034816
  %94 = or i1 %93, %90
  %95 = and i1 %88, %94
  %96 = bitcast i64 %62 to double
  %97 = bitcast i64 %63 to double
  %98 = bitcast i64 %64 to double
  %99 = call double @llvm.fma.f64(double %96, double %97, double %98)
  %100 = bitcast double %99 to i64
  %101 = and i64 %63, 9223372036854775807
  %102 = icmp eq i64 %101, 0
  %103 = and i64 %62, 9223372036854775807
  %104 = icmp eq i64 %103, 0
  %105 = or i1 %104, %102
  %106 = xor i1 %105, true
  %107 = xor i1 %106, true
  %108 = and i64 %100, 9223372036854775807
  %109 = sub i64 %108, 4503599627370497
  %110 = icmp ult i64 %109, 9214364837600034815
  %111 = or i1 %110, %107
  %112 = and i1 %95, %111
  br i1 %112, label %fp_done, label %fp_soft

L:                                                ; preds = %pc_HEAD+0
  %113 = getelementptr i8, ptr %0, i64 64
  %114 = load i64, ptr %g, align 4
  store i64 %114, ptr %113, align 4
  %115 = getelementptr i8, ptr %0, i64 540
  %116 = load i32, ptr %g7, align 4
  store i32 %116, ptr %115, align 4
  %117 = getelementptr i8, ptr %0, i64 536
  %118 = load i32, ptr %g8, align 4
  store i32 %118, ptr %117, align 4
  %119 = getelementptr i8, ptr %0, i64 528
  %120 = load i32, ptr %g9, align 4
  store i32 %120, ptr %119, align 4
  %121 = getelementptr i8, ptr %0, i64 532
  %122 = load i32, ptr %g10, align 4
  store i32 %122, ptr %121, align 4
  %123 = getelementptr i8, ptr %0, i64 3184
  %124 = load i64, ptr %g12, align 4
  store i64 %124, ptr %123, align 4
  %125 = getelementptr i8, ptr %0, i64 3952
  %126 = load i64, ptr %g15, align 4
  store i64 %126, ptr %125, align 4
  %127 = getelementptr i8, ptr %0, i64 320
  store i64 HEAD+0, ptr %127, align 4
  %128 = getelementptr i8, ptr %1, i64 4
  %129 = load i32, ptr %steps, align 4
  store i32 %129, ptr %128, align 4
  ret i32 2

fp_soft:                                          ; preds = %52
  store volatile i32 0, ptr %1, align 4
  %130 = call i64 inttoptr (i64 HOSTADDR to ptr)(i64 %62, i64 %63, i64 %64, ptr %66)
  br label %fp_done

fp_done:                                          ; preds = %fp_soft, %52
  %131 = phi i64 [ %100, %52 ], [ %130, %fp_soft ]
  store i64 %131, ptr %t5, align 4
  %132 = load i64, ptr %t5, align 4
  store i64 %132, ptr %g12, align 4
  store i256 0, ptr %t6, align 4
  %133 = load i64, ptr %g13, align 4
  store i64 %133, ptr %t5, align 4
  %134 = load i64, ptr %t5, align 4
  %135 = getelementptr i8, ptr %0, i64 12072
  %136 = getelementptr i8, ptr %135, i64 0
  %137 = load i16, ptr %136, align 2
  %138 = getelementptr i8, ptr %135, i64 2
  %139 = load i8, ptr %138, align 1
  %140 = icmp eq i8 %139, 0
  %141 = and i16 %137, 16
  %142 = icmp ne i16 %141, 0
  %143 = and i1 %142, %140
  %144 = and i64 %134, 9223372036854775807
  %145 = icmp eq i64 %144, 0
  %146 = and i64 %134, 9223372036854775807
  %147 = sub i64 %146, 4503599627370496
  %148 = icmp ult i64 %147, 9214364837600034816
  %149 = or i1 %148, %145
  %150 = and i1 %143, %149
  %151 = icmp sge i64 %134, 0
  %152 = and i1 %150, %151
  %153 = bitcast i64 %134 to double
  %154 = call double @llvm.sqrt.f64(double %153)
  %155 = bitcast double %154 to i64
  br i1 %152, label %fp_done17, label %fp_soft16

fp_soft16:                                        ; preds = %fp_done
  store volatile i32 1, ptr %1, align 4
  %156 = call i64 inttoptr (i64 HOSTADDR to ptr)(i64 %134, ptr %0)
  br label %fp_done17

fp_done17:                                        ; preds = %fp_soft16, %fp_done
  %157 = phi i64 [ %155, %fp_done ], [ %156, %fp_soft16 ]
  store i64 %157, ptr %t1, align 4
  %158 = load i64, ptr %t1, align 4
  store i64 %158, ptr %g15, align 4
  %159 = load i64, ptr %g, align 4
  %160 = sub i64 %159, 1
  store i64 %160, ptr %t1, align 4
  %161 = load i64, ptr %t1, align 4
  %162 = load i64, ptr %t1, align 4
  %163 = trunc i64 %162 to i32
  store i32 %163, ptr %g7, align 4
  %164 = load i64, ptr %t1, align 4
  %165 = lshr i64 %164, 32
  store i64 %165, ptr %t3, align 4
  %166 = load i64, ptr %t3, align 4
  %167 = load i64, ptr %t3, align 4
  %168 = trunc i64 %167 to i32
  store i32 %168, ptr %g8, align 4
  %169 = icmp ne i64 %161, 0
  %zf = zext i1 %169 to i32
  store i32 %zf, ptr %g7, align 4
  %170 = load i64, ptr %g, align 4
  %171 = icmp uge i64 %170, 1
  %172 = zext i1 %171 to i64
  store i64 %172, ptr %t2, align 4
  %173 = load i64, ptr %t2, align 4
  %174 = load i64, ptr %t2, align 4
  %175 = trunc i64 %174 to i32
  store i32 %175, ptr %g9, align 4
  %176 = load i64, ptr %g, align 4
  %177 = load i64, ptr %t1, align 4
  %178 = xor i64 %177, %176
  store i64 %178, ptr %t2, align 4
  %179 = load i64, ptr %g, align 4
  %180 = xor i64 %179, 1
  store i64 %180, ptr %t3, align 4
  %181 = load i64, ptr %t3, align 4
  %182 = load i64, ptr %t2, align 4
  %183 = and i64 %182, %181
  store i64 %183, ptr %t2, align 4
  %184 = load i64, ptr %t2, align 4
  %185 = lshr i64 %184, 32
  store i64 %185, ptr %t3, align 4
  %186 = load i64, ptr %t3, align 4
  %187 = load i64, ptr %t3, align 4
  %188 = trunc i64 %187 to i32
  store i32 %188, ptr %g10, align 4
  %189 = load i64, ptr %t1, align 4
  store i64 %189, ptr %t5, align 4
  %190 = load i64, ptr %t5, align 4
  store i64 %190, ptr %g, align 4
  %191 = load i32, ptr %g7, align 4
  %192 = icmp ne i32 %191, 0
  br i1 %192, label %L18, label %193

193:                                              ; preds = %fp_done17
  store i64 HEAD+16, ptr %g11, align 4
  %194 = getelementptr i8, ptr %0, i64 64
  %195 = load i64, ptr %g, align 4
  store i64 %195, ptr %194, align 4
  %196 = getelementptr i8, ptr %0, i64 540
  %197 = load i32, ptr %g7, align 4
  store i32 %197, ptr %196, align 4
  %198 = getelementptr i8, ptr %0, i64 536
  %199 = load i32, ptr %g8, align 4
  store i32 %199, ptr %198, align 4
  %200 = getelementptr i8, ptr %0, i64 528
  %201 = load i32, ptr %g9, align 4
  store i32 %201, ptr %200, align 4
  %202 = getelementptr i8, ptr %0, i64 532
  %203 = load i32, ptr %g10, align 4
  store i32 %203, ptr %202, align 4
  %204 = getelementptr i8, ptr %0, i64 320
  %205 = load i64, ptr %g11, align 4
  store i64 %205, ptr %204, align 4
  %206 = getelementptr i8, ptr %0, i64 3184
  %207 = load i64, ptr %g12, align 4
  store i64 %207, ptr %206, align 4
  %208 = getelementptr i8, ptr %0, i64 3952
  %209 = load i64, ptr %g15, align 4
  store i64 %209, ptr %208, align 4
  %210 = getelementptr i8, ptr %1, i64 4
  %211 = load i32, ptr %steps, align 4
  store i32 %211, ptr %210, align 4
  ret i32 1

L18:                                              ; preds = %fp_done17
  %212 = load i32, ptr %steps, align 4
  %213 = add i32 %212, 1
  store i32 %213, ptr %steps, align 4
  br label %pc_HEAD+0

dead:                                             ; No predecessors!
  unreachable

dead19:                                           ; No predecessors!
  unreachable

dead20:                                           ; No predecessors!
  unreachable
}

; Function Attrs: nocallback nofree nosync nounwind speculatable willreturn memory(none)
declare double @llvm.fma.f64(double, double, double) #0

; Function Attrs: nocallback nofree nosync nounwind speculatable willreturn memory(none)
declare double @llvm.sqrt.f64(double) #0

attributes #0 = { nocallback nofree nosync nounwind speculatable willreturn memory(none) }

