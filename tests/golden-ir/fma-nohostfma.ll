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

pc_HEAD+0:                                        ; preds = %L16, %entered
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
  store volatile i32 0, ptr %1, align 4
  %67 = getelementptr i8, ptr %0, i64 64
  %68 = load i64, ptr %g, align 4
  store i64 %68, ptr %67, align 4
  %69 = getelementptr i8, ptr %0, i64 540
  %70 = load i32, ptr %g7, align 4
  store i32 %70, ptr %69, align 4
  %71 = getelementptr i8, ptr %0, i64 536
  %72 = load i32, ptr %g8, align 4
  store i32 %72, ptr %71, align 4
  %73 = getelementptr i8, ptr %0, i64 528
  %74 = load i32, ptr %g9, align 4
  store i32 %74, ptr %73, align 4
  %75 = getelementptr i8, ptr %0, i64 532
  %76 = load i32, ptr %g10, align 4
  store i32 %76, ptr %75, align 4
  %77 = call i64 inttoptr (i64 HOSTADDR to ptr)(i64 %62, i64 %63, i64 %64, ptr %66)
  %78 = getelementptr i8, ptr %0, i64 64
  %79 = load i64, ptr %78, align 4
  store i64 %79, ptr %g, align 4
  %80 = getelementptr i8, ptr %0, i64 540
  %81 = load i32, ptr %80, align 4
  store i32 %81, ptr %g7, align 4
  %82 = getelementptr i8, ptr %0, i64 536
  %83 = load i32, ptr %82, align 4
  store i32 %83, ptr %g8, align 4
  %84 = getelementptr i8, ptr %0, i64 528
  %85 = load i32, ptr %84, align 4
  store i32 %85, ptr %g9, align 4
  %86 = getelementptr i8, ptr %0, i64 532
  %87 = load i32, ptr %86, align 4
  store i32 %87, ptr %g10, align 4
  %88 = getelementptr i8, ptr %0, i64 320
  %89 = load i64, ptr %88, align 4
  store i64 %89, ptr %g11, align 4
  store i64 %77, ptr %t5, align 4
  %90 = load i64, ptr %t5, align 4
  store i64 %90, ptr %g12, align 4
  store i256 0, ptr %t6, align 4
  %91 = load i64, ptr %g13, align 4
  store i64 %91, ptr %t5, align 4
  %92 = load i64, ptr %t5, align 4
  %93 = getelementptr i8, ptr %0, i64 12072
  %94 = getelementptr i8, ptr %93, i64 0
  %95 = load i16, ptr %94, align 2
  %96 = getelementptr i8, ptr %93, i64 2
  %97 = load i8, ptr %96, align 1
  %98 = icmp eq i8 %97, 0
  %99 = and i16 %95, 16
  %100 = icmp ne i16 %99, 0
  %101 = and i1 %100, %98
  %102 = and i64 %92, 9223372036854775807
  %103 = icmp eq i64 %102, 0
  %104 = lshr i64 %92, 52
  %105 = and i64 %104, 2047
  %106 = icmp ne i64 %105, 2047
  %107 = icmp ne i64 %105, 0
  %108 = and i1 %107, %106
  %109 = or i1 %108, %103
  %110 = and i1 %101, %109
  %111 = icmp sge i64 %92, 0
  %112 = and i1 %110, %111
  br i1 %112, label %fp_fast, label %fp_soft

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

fp_fast:                                          ; preds = %52
  %130 = bitcast i64 %92 to double
  %131 = call double @llvm.sqrt.f64(double %130)
  %132 = bitcast double %131 to i64
  br label %fp_done

fp_soft:                                          ; preds = %52
  store volatile i32 1, ptr %1, align 4
  %133 = call i64 inttoptr (i64 HOSTADDR to ptr)(i64 %92, ptr %0)
  %134 = getelementptr i8, ptr %0, i64 64
  %135 = load i64, ptr %134, align 4
  store i64 %135, ptr %g, align 4
  %136 = getelementptr i8, ptr %0, i64 540
  %137 = load i32, ptr %136, align 4
  store i32 %137, ptr %g7, align 4
  %138 = getelementptr i8, ptr %0, i64 536
  %139 = load i32, ptr %138, align 4
  store i32 %139, ptr %g8, align 4
  %140 = getelementptr i8, ptr %0, i64 528
  %141 = load i32, ptr %140, align 4
  store i32 %141, ptr %g9, align 4
  %142 = getelementptr i8, ptr %0, i64 532
  %143 = load i32, ptr %142, align 4
  store i32 %143, ptr %g10, align 4
  %144 = getelementptr i8, ptr %0, i64 320
  %145 = load i64, ptr %144, align 4
  store i64 %145, ptr %g11, align 4
  br label %fp_done

fp_done:                                          ; preds = %fp_soft, %fp_fast
  %146 = phi i64 [ %132, %fp_fast ], [ %133, %fp_soft ]
  store i64 %146, ptr %t1, align 4
  %147 = load i64, ptr %t1, align 4
  store i64 %147, ptr %g15, align 4
  %148 = load i64, ptr %g, align 4
  %149 = sub i64 %148, 1
  store i64 %149, ptr %t1, align 4
  %150 = load i64, ptr %t1, align 4
  %151 = load i64, ptr %t1, align 4
  %152 = trunc i64 %151 to i32
  store i32 %152, ptr %g7, align 4
  %153 = load i64, ptr %t1, align 4
  %154 = lshr i64 %153, 32
  store i64 %154, ptr %t3, align 4
  %155 = load i64, ptr %t3, align 4
  %156 = load i64, ptr %t3, align 4
  %157 = trunc i64 %156 to i32
  store i32 %157, ptr %g8, align 4
  %158 = icmp ne i64 %150, 0
  %zf = zext i1 %158 to i32
  store i32 %zf, ptr %g7, align 4
  %159 = load i64, ptr %g, align 4
  %160 = icmp uge i64 %159, 1
  %161 = zext i1 %160 to i64
  store i64 %161, ptr %t2, align 4
  %162 = load i64, ptr %t2, align 4
  %163 = load i64, ptr %t2, align 4
  %164 = trunc i64 %163 to i32
  store i32 %164, ptr %g9, align 4
  %165 = load i64, ptr %g, align 4
  %166 = load i64, ptr %t1, align 4
  %167 = xor i64 %166, %165
  store i64 %167, ptr %t2, align 4
  %168 = load i64, ptr %g, align 4
  %169 = xor i64 %168, 1
  store i64 %169, ptr %t3, align 4
  %170 = load i64, ptr %t3, align 4
  %171 = load i64, ptr %t2, align 4
  %172 = and i64 %171, %170
  store i64 %172, ptr %t2, align 4
  %173 = load i64, ptr %t2, align 4
  %174 = lshr i64 %173, 32
  store i64 %174, ptr %t3, align 4
  %175 = load i64, ptr %t3, align 4
  %176 = load i64, ptr %t3, align 4
  %177 = trunc i64 %176 to i32
  store i32 %177, ptr %g10, align 4
  %178 = load i64, ptr %t1, align 4
  store i64 %178, ptr %t5, align 4
  %179 = load i64, ptr %t5, align 4
  store i64 %179, ptr %g, align 4
  %180 = load i32, ptr %g7, align 4
  %181 = icmp ne i32 %180, 0
  br i1 %181, label %L16, label %182

182:                                              ; preds = %fp_done
  store i64 HEAD+16, ptr %g11, align 4
  %183 = getelementptr i8, ptr %0, i64 64
  %184 = load i64, ptr %g, align 4
  store i64 %184, ptr %183, align 4
  %185 = getelementptr i8, ptr %0, i64 540
  %186 = load i32, ptr %g7, align 4
  store i32 %186, ptr %185, align 4
  %187 = getelementptr i8, ptr %0, i64 536
  %188 = load i32, ptr %g8, align 4
  store i32 %188, ptr %187, align 4
  %189 = getelementptr i8, ptr %0, i64 528
  %190 = load i32, ptr %g9, align 4
  store i32 %190, ptr %189, align 4
  %191 = getelementptr i8, ptr %0, i64 532
  %192 = load i32, ptr %g10, align 4
  store i32 %192, ptr %191, align 4
  %193 = getelementptr i8, ptr %0, i64 320
  %194 = load i64, ptr %g11, align 4
  store i64 %194, ptr %193, align 4
  %195 = getelementptr i8, ptr %0, i64 3184
  %196 = load i64, ptr %g12, align 4
  store i64 %196, ptr %195, align 4
  %197 = getelementptr i8, ptr %0, i64 3952
  %198 = load i64, ptr %g15, align 4
  store i64 %198, ptr %197, align 4
  %199 = getelementptr i8, ptr %1, i64 4
  %200 = load i32, ptr %steps, align 4
  store i32 %200, ptr %199, align 4
  ret i32 1

L16:                                              ; preds = %fp_done
  %201 = load i32, ptr %steps, align 4
  %202 = add i32 %201, 1
  store i32 %202, ptr %steps, align 4
  br label %pc_HEAD+0

dead:                                             ; No predecessors!
  unreachable

dead17:                                           ; No predecessors!
  unreachable

dead18:                                           ; No predecessors!
  unreachable
}

; Function Attrs: nocallback nofree nosync nounwind speculatable willreturn memory(none)
declare double @llvm.sqrt.f64(double) #0

attributes #0 = { nocallback nofree nosync nounwind speculatable willreturn memory(none) }

